package io.stockline.platform.events;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.WebApplicationException;

import org.apache.kafka.common.errors.RetriableException;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;

/**
 * Tells a fault of the infrastructure (the database or the broker away, a deadlock, a serialization failure, a
 * service answering 5xx or 429) from a failure that will happen again however often the same record is tried (a
 * constraint broken, a value out of range, a bug). The first kind is waited out; the second, after a few tries, is
 * the record's own problem and goes to the dead-letter topic (see {@link Retry}).
 */
public final class Failures {

    /**
     * SQLSTATE classes of PostgreSQL errors that go away by themselves: connection exception, transaction rollback
     * (serialization failure, deadlock), insufficient resources, program limit (statement too complex under load is
     * not in it, see 54000 below), object not in prerequisite state (lock not available), operator intervention
     * (admin shutdown, query cancelled), system error.
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "55", "57", "58");
    /** SQLSTATE class 22, data exception: the value itself cannot be stored, however often it is tried. */
    private static final String DATA_EXCEPTION = "22";

    private Failures() {
    }

    /** Whether {@code failure}, or any cause of it, is a fault of the infrastructure rather than of the record. */
    public static boolean isInfrastructure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PoisonRecord) {
                return false;
            }
            if (cause instanceof PgException pg) {
                String state = pg.getSqlState();
                return state != null && state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2));
            }
            if (cause instanceof IOException || cause instanceof TimeoutException
                    || cause instanceof io.smallrye.mutiny.TimeoutException || cause instanceof RetriableException
                    || cause instanceof VertxException) {
                return true;
            }
            if (cause instanceof WebApplicationException web) {
                int status = web.getResponse() == null ? 0 : web.getResponse().getStatus();
                return status >= 500 || status == 429;
            }
        }
        return false;
    }

    /**
     * The database's complaint when {@code failure} (or a cause) is a data exception (SQLSTATE class 22: a NUL
     * character in a text, a number out of the column's range, a date it cannot represent), else null. Such a value
     * is the request's or the record's fault: a 400, or a dead letter at once (the fuzz tests).
     */
    public static String dataException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String state = cause instanceof PgException pg ? pg.getSqlState()
                    : cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && state.startsWith(DATA_EXCEPTION)) {
                return cause instanceof PgException pg ? pg.getErrorMessage() : cause.getMessage();
            }
        }
        return null;
    }
}
