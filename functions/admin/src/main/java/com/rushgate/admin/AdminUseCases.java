package com.rushgate.admin;

import com.rushgate.core.app.CreateEventUseCase;
import com.rushgate.core.app.DeadLetterPeekUseCase;
import com.rushgate.core.app.DrawUseCase;
import com.rushgate.core.app.EventChangesUseCase;
import com.rushgate.core.app.EventOverviewUseCase;
import com.rushgate.core.app.RedriveUseCase;
import java.time.Clock;
import java.util.Objects;

/** What the admin routes call: the use cases of functions/core, and the clock that judges "now". */
record AdminUseCases(CreateEventUseCase create, EventOverviewUseCase overview, EventChangesUseCase changes,
                     DrawUseCase draws, DeadLetterPeekUseCase deadLetters, RedriveUseCase redrive, Clock clock) {

    AdminUseCases {
        Objects.requireNonNull(create, "create");
        Objects.requireNonNull(overview, "overview");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(draws, "draws");
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(redrive, "redrive");
        Objects.requireNonNull(clock, "clock");
    }
}
