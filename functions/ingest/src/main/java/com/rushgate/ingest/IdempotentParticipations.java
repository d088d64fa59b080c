package com.rushgate.ingest;

import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.Participation;
import com.amazonaws.services.lambda.runtime.Context;
import java.util.Objects;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyKey;
import software.amazon.lambda.powertools.idempotency.Idempotent;

/**
 * The only class that knows Powertools idempotency (v1, the newest this registry serves; v1 is
 * past its end of support, so it stays behind this seam). The aspect is woven at compile time.
 *
 * <p>It wraps the use case, not the HTTP handler: a failure propagates as an exception, Powertools
 * deletes its record, and a 5xx is never replayed. A concurrent duplicate in flight makes
 * Powertools throw IdempotencyAlreadyInProgressException, which the handler answers with 409.
 */
public class IdempotentParticipations {

    private final ParticipateUseCase useCase;

    public IdempotentParticipations(ParticipateUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    /**
     * @param key     hashed by Powertools into the IdempotencyTable key
     * @param command the validated command
     * @param context the invocation; Powertools sizes its in-progress window by the time left
     */
    public IngestResult participate(ParticipationKey key, ParticipateCommand command, Context context) {
        Idempotency.registerLambdaContext(context);
        return participateOnce(key, command, context.getAwsRequestId());
    }

    /**
     * The idempotent step. The aspect is woven into this method's body, so the call from
     * {@link #participate} goes through it.
     *
     * @param invocationId the current Lambda request id, stamped on the answer to recognise replays
     */
    @Idempotent
    public IngestResult participateOnce(@IdempotencyKey ParticipationKey key, ParticipateCommand command,
                                        String invocationId) {
        Participation participation = useCase.participate(command);
        return new IngestResult(participation.requestId().value(), participation.status().name(),
                participation.created(), invocationId);
    }
}
