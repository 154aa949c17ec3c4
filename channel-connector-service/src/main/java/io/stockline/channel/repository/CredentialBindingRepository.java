package io.stockline.channel.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.Rows;

/** Credential references bound to the channel, marketplace type and host that first used them. */
@ApplicationScoped
public class CredentialBindingRepository {

    /** Where a reference is bound. */
    public record Binding(String channel, String type, String host) {
    }

    /** Binds {@code ref} to this channel, type and host unless it is bound already; returns the binding that holds. */
    public Uni<Binding> bind(String ref, String channel, String type, String host) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO credential_binding (ref, channel, type, host) VALUES (:ref, :channel, :type, :host)
                ON CONFLICT (ref) DO NOTHING""")
                .setParameter("ref", ref).setParameter("channel", channel).setParameter("type", type)
                .setParameter("host", host).executeUpdate()
                .chain(() -> session.createNativeQuery(
                        "SELECT channel, type, host FROM credential_binding WHERE ref = :ref", Object[].class)
                        .setParameter("ref", ref).getSingleResult()))
                .map(row -> new Binding(Rows.text(row[0]), Rows.text(row[1]), Rows.text(row[2])));
    }
}
