package com.rushgate.local.bench;

import com.rushgate.core.domain.DrawSeed;
import com.rushgate.core.domain.RaffleDraw;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.SecureRandom;

/**
 * The draw's memory, measured in this JVM on synthetic requestIds: what one {@link RaffleDraw}
 * allocates on the current thread while it takes every entry (garbage included: a ticket per
 * entry), what it still holds once every entry is in (the bounded heap, O(capacity)), and its wall
 * time. The requestIds are made in a separate pass, so neither their bytes nor their time count,
 * and a draw that is not measured runs first, so that class loading and the JIT's first
 * compilations do not count either.
 */
final class RaffleHeap {

    /** A synthetic requestId's length is close to a real one's ("rq_" and 52 base32 digits). */
    private static final String PREFIX = "rq_" + "a".repeat(40);

    /**
     * One draw's measure.
     *
     * @param allocatedBytes bytes the draw allocated on its thread, for every entry
     * @param retainedBytes  used heap after a GC with the draw reachable, minus the same once it is
     *                       dropped: its bounded heap (approximate; other threads of the JVM may move it)
     * @param millis         wall time of feeding every entry and reading the winners
     */
    record Measure(int entries, int capacity, long allocatedBytes, long retainedBytes, double millis) {
    }

    /** Enough entries for the JIT to compile the draw's loop before it is measured. */
    private static final int WARM_UP_ENTRIES = 50_000;

    private RaffleHeap() {
    }

    /** Draws {@code capacity} winners of {@code entries} synthetic requestIds and measures it. */
    static Measure measure(int entries, int capacity) {
        warmUp(capacity);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] ids = new String[entries];
        for (int i = 0; i < entries; i++) {
            ids[i] = PREFIX + i;
        }
        DrawSeed seed = DrawSeed.random(new SecureRandom());
        long before = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        RaffleDraw draw = new RaffleDraw(seed, capacity);
        for (String id : ids) {
            draw.enter(id);
        }
        int winners = draw.winners().size();
        double millis = (System.nanoTime() - started) / 1e6;
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        ids = null;
        long withDraw = usedAfterGc();
        if (winners != Math.min(capacity, entries) || draw.entries() != entries) {
            throw new IllegalStateException("the draw kept " + winners + " winners of " + draw.entries() + " entries");
        }
        draw = null;
        long withoutDraw = usedAfterGc();
        return new Measure(entries, capacity, allocated, withDraw - withoutDraw, millis);
    }

    private static void warmUp(int capacity) {
        RaffleDraw draw = new RaffleDraw(DrawSeed.random(new SecureRandom()), capacity);
        for (int i = 0; i < WARM_UP_ENTRIES; i++) {
            draw.enter(PREFIX + i);
        }
        if (draw.winners().size() > capacity) {
            throw new IllegalStateException("a draw kept more winners than its capacity");
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
