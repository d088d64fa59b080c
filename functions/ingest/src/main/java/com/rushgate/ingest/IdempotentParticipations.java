package com.rushgate.ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.rushgate.core.app.ParticipateCommand;
import com.rushgate.core.app.ParticipateUseCase;
import com.rushgate.core.app.ParticipateUseCase.Admission;
import com.rushgate.core.app.Participation;
import java.util.Objects;
import software.amazon.lambda.powertools.idempotency.Idempotency;
import software.amazon.lambda.powertools.idempotency.IdempotencyKey;
import software.amazon.lambda.powertools.idempotency.Idempotent;

/**
 * The only class, with {@link IdempotencyRecords} and {@link RequestItemRecords}, that knows
 * Powertools idempotency (v1, the newest this registry serves; v1 is past its end of support, so
 * it stays behind this seam). The aspect is woven at compile time.
 *
 * <p>The event is checked outside the aspect (a refusal writes nothing); Powertools' in-progress
 * record is the conditional put of RECEIVED, and the idempotent body sends the message and writes
 * QUEUED. A failure propagates as an exception and a 5xx is never replayed. A concurrent duplicate
 * in flight makes Powertools throw IdempotencyAlreadyInProgressException, which the handler
 * answers with 409.
 */
public class IdempotentParticipations {

    private final ParticipateUseCase useCase;

    public IdempotentParticipations(ParticipateUseCase useCase) {
        this.useCase = Objects.requireNonNull(useCase, "useCase");
    }

    /**
     * @param key     hashed by Powertools into its record key
     * @param command the validated command
     * @param context the invocation; Powertools sizes its in-progress window, the request's hold, by
     *                the time left
     */
    public IngestResult participate(ParticipationKey key, ParticipateCommand command, Context context) {
        Admission admission = useCase.admit(command);
        if (admission instanceof Admission.Known known) {
            return result(known.answer(), context.getAwsRequestId());
        }
        Idempotency.registerLambdaContext(context);
        return RequestItemRecords.during(((Admission.Fresh) admission).request(), context.getAwsRequestId(),
                () -> participateOnce(key, context.getAwsRequestId()));
    }

    /**
     * The idempotent step. The aspect is woven into this method's body, so the call from
     * {@link #participate} goes through it; the body runs only when the put recorded a request
     * this call must send.
     *
     * @param invocationId the current Lambda request id, stamped on the answer to recognise replays
     */
    @Idempotent
    public IngestResult participateOnce(@IdempotencyKey ParticipationKey key, String invocationId) {
        return result(useCase.send(RequestItemRecords.current().recording()), invocationId);
    }

    private static IngestResult result(Participation participation, String invocationId) {
        return new IngestResult(participation.requestId().value(), participation.status().name(),
                participation.created(), invocationId);
    }
}
