package com.rushgate.core.app;

import java.time.Instant;

/**
 * An operator's change of an event's window or a raffle's seed; what is null (or false) stays.
 *
 * @param opensAt  a new opening, allowed only before the event opens
 * @param closesAt a new close, never earlier than now once the event opened
 * @param reseed   a new seed and commitment for a raffle, allowed only before it opens
 */
public record EventPatch(Instant opensAt, Instant closesAt, boolean reseed) {

    public EventPatch {
        if (opensAt == null && closesAt == null && !reseed) {
            throw new ClientException(ErrorCode.INVALID_BODY, "nothing to change: give opensAt, closesAt or reseed");
        }
    }
}
