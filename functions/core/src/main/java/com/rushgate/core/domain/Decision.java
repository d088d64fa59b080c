package com.rushgate.core.domain;

/** What the rules say must happen to a claimed request. */
public sealed interface Decision {

    /** FCFS: take one unit of stock and succeed in the same transaction; sold out means rejected. */
    record AllocateStock() implements Decision {
    }

    /** RAFFLE: record the entry. */
    record EnterRaffle() implements Decision {
    }

    /** The request cannot win, whatever the stock. */
    record Reject(RejectReason reason) implements Decision {
    }
}
