package com.rushgate.core.testing;

import com.rushgate.core.app.RetryableException;
import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.domain.PublishedDraw;
import com.rushgate.core.domain.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Published draws in memory: each draw in a folder of its own, as the S3 store keeps them. */
public final class InMemoryDrawResults implements DrawResults {

    private final Map<String, PublishedDraw> draws = new ConcurrentHashMap<>();
    private final Map<String, List<RequestId>> entries = new ConcurrentHashMap<>();
    public final List<PublishedDraw> announced = new CopyOnWriteArrayList<>();
    private final AtomicInteger folders = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    @Override
    public EntryList begin(String eventId) {
        String location = "draws/" + eventId + "/" + folders.incrementAndGet() + "/";
        open.incrementAndGet();
        List<RequestId> written = new ArrayList<>();
        return new EntryList() {
            private boolean closed;

            @Override
            public String location() {
                return location;
            }

            @Override
            public void add(RequestId entry) {
                written.add(entry);
            }

            @Override
            public void publish(PublishedDraw draw) {
                if (!location.equals(draw.location())) {
                    throw new IllegalArgumentException("the draw names " + draw.location() + ", the list is at " + location);
                }
                entries.put(location, List.copyOf(written));
                draws.put(location, draw);
                close();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    open.decrementAndGet();
                }
            }
        };
    }

    private boolean failAnnouncing;

    /** The next announcements fail with a retryable error, as S3 does when it is unavailable. */
    public void failAnnouncing(boolean fail) {
        this.failAnnouncing = fail;
    }

    @Override
    public void announce(PublishedDraw draw) {
        if (failAnnouncing) {
            throw new RetryableException("announcing failed (test)");
        }
        announced.add(draw);
    }

    @Override
    public Optional<PublishedDraw> read(String location) {
        return Optional.ofNullable(draws.get(location));
    }

    @Override
    public List<RequestId> page(String location, DrawFile file, int page, int pageSize) {
        List<RequestId> all = file == DrawFile.ENTRIES ? entries.getOrDefault(location, List.of())
                : Optional.ofNullable(draws.get(location)).map(PublishedDraw::winners).orElse(List.of());
        int from = Math.min(all.size(), page * pageSize);
        return List.copyOf(all.subList(from, Math.min(all.size(), from + pageSize)));
    }

    /** The entry list published at {@code location}. */
    public List<RequestId> entries(String location) {
        return entries.getOrDefault(location, List.of());
    }

    /** Entry lists begun and neither published nor dropped. */
    public int openLists() {
        return open.get();
    }

    /** Folders begun, published or not. */
    public int folders() {
        return folders.get();
    }
}
