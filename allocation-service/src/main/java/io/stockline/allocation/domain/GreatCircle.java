package io.stockline.allocation.domain;

/** Distance on the Earth's surface (haversine, mean radius), good to well under a percent for routing. */
public final class GreatCircle {

    private static final double EARTH_RADIUS_KM = 6371.0088;

    private GreatCircle() {
    }

    public static double km(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
