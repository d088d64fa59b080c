package com.rushgate.ingest;

import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.RetryableException;
import com.rushgate.core.domain.RequestId;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyAlreadyInProgressException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyInconsistentStateException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyPersistenceLayerException;

/** Powertools' idempotency exceptions in our two kinds, so ApiResponses maps them like any other. */
final class IngestFailures {

    private IngestFailures() {
    }

    /** @param requestId the participation's request, named in a 409 so the client can follow it */
    static Throwable translate(Throwable failure, RequestId requestId) {
        if (failure instanceof IdempotencyAlreadyInProgressException) {
            String message = "the same participation is being processed right now; retry in a second";
            return requestId == null ? new ClientException(ErrorCode.IN_PROGRESS, message)
                    : ClientException.about(requestId, ErrorCode.IN_PROGRESS, message);
        }
        if (failure instanceof IdempotencyPersistenceLayerException
                || failure instanceof IdempotencyInconsistentStateException) {
            return new RetryableException("idempotency store: " + failure.getMessage(), failure);
        }
        return failure;
    }
}
