package com.rushgate.ingest;

import com.rushgate.core.app.ClientException;
import com.rushgate.core.app.ErrorCode;
import com.rushgate.core.app.RetryableException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyAlreadyInProgressException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyInconsistentStateException;
import software.amazon.lambda.powertools.idempotency.exceptions.IdempotencyPersistenceLayerException;

/** Powertools' idempotency exceptions in our two kinds, so ApiResponses maps them like any other. */
final class IngestFailures {

    private IngestFailures() {
    }

    static Throwable translate(Throwable failure) {
        if (failure instanceof IdempotencyAlreadyInProgressException) {
            return new ClientException(ErrorCode.IN_PROGRESS,
                    "the same participation is being processed right now; retry in a second");
        }
        if (failure instanceof IdempotencyPersistenceLayerException
                || failure instanceof IdempotencyInconsistentStateException) {
            return new RetryableException("idempotency store: " + failure.getMessage(), failure);
        }
        return failure;
    }
}
