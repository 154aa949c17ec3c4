package io.stockline.allocation.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AllocationRepository {

    public Uni<Boolean> isDecided(String orderId) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM allocation WHERE order_id = :orderId", Long.class)
                .setParameter("orderId", orderId)
                .getSingleResult())
                .map(count -> ((Number) count).longValue() > 0);
    }

    public Uni<Void> record(String orderId, String status, UUID reservationId, String location, String reason) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO allocation (order_id, status, reservation_id, location, reason)
                VALUES (:orderId, :status, :reservationId, :location, :reason)
                ON CONFLICT (order_id) DO NOTHING""")
                .setParameter("orderId", orderId).setParameter("status", status)
                .setParameter("reservationId", reservationId).setParameter("location", location)
                .setParameter("reason", reason)
                .executeUpdate())
                .replaceWithVoid();
    }
}
