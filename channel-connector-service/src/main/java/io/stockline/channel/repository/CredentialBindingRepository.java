package io.stockline.channel.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.NativeSql;
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
        return NativeSql.of("""
                INSERT INTO credential_binding (ref, channel, type, host) VALUES (:ref, :channel, :type, :host)
                ON CONFLICT (ref) DO NOTHING""")
                .set("ref", ref).set("channel", channel).set("type", type).set("host", host).update()
                .chain(() -> NativeSql.of("SELECT channel, type, host FROM credential_binding WHERE ref = :ref")
                        .set("ref", ref).rows())
                .map(rows -> rows.get(0))
                .map(row -> new Binding(Rows.text(row[0]), Rows.text(row[1]), Rows.text(row[2])));
    }
}
