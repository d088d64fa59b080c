package com.rushgate.core.app;

import com.rushgate.core.app.port.EventCatalog;
import com.rushgate.core.domain.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps event definitions for a short time in the container, so a burst of requests for one event
 * costs one read per container and TTL, not one per request. Ingest caches unknown events too, so
 * a flood of requests for a made-up event does not reach the table either; the worker does not,
 * because for it a missing event is a final failure, and an operator who creates the event and
 * redrives must not meet a stale "unknown".
 *
 * <p>Stale data is harmless otherwise: opens/closes change rarely, a unit is granted only by the
 * transaction, and a cached {@link Event#remaining()} of zero is still zero (stock only goes down).
 */
public final class CachedEventCatalog implements EventCatalog {

    private final EventCatalog source;
    private final Clock clock;
    private final Duration ttl;
    private final boolean cacheUnknown;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    /** A cache of known and unknown events, for Ingest. */
    public CachedEventCatalog(EventCatalog source, Clock clock, Duration ttl) {
        this(source, clock, ttl, true);
    }

    /** @param cacheUnknown whether a lookup that found nothing is cached as well */
    public CachedEventCatalog(EventCatalog source, Clock clock, Duration ttl, boolean cacheUnknown) {
        this.cacheUnknown = cacheUnknown;
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl cannot be negative");
        }
    }

    @Override
    public Optional<Event> find(String eventId) {
        Instant now = clock.instant();
        Entry cached = entries.get(eventId);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.event();
        }
        Optional<Event> fresh = source.find(eventId);
        if (fresh.isPresent() || cacheUnknown) {
            entries.put(eventId, new Entry(fresh, now.plus(ttl)));
        } else {
            entries.remove(eventId);
        }
        return fresh;
    }

    /** Past the cache; what it reads replaces the cached entry. */
    @Override
    public Optional<Event> findLatest(String eventId) {
        Optional<Event> latest = source.findLatest(eventId);
        if (latest.isPresent() || cacheUnknown) {
            entries.put(eventId, new Entry(latest, clock.instant().plus(ttl)));
        }
        return latest;
    }

    /** Forgets everything, for example after a SnapStart restore. */
    public void clear() {
        entries.clear();
    }

    private record Entry(Optional<Event> event, Instant expiresAt) {
    }
}
