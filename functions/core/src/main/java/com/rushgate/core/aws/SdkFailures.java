package com.rushgate.core.aws;

import com.rushgate.core.app.RetryableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Sorts SDK failures into the two kinds the use cases know: retryable (throttling, conflicts,
 * 5xx, timeouts, broken connections) becomes {@link RetryableException}; anything else is a bug or
 * a deployment error and is rethrown as it is, to fail loudly.
 */
final class SdkFailures {

    private SdkFailures() {
    }

    static RuntimeException translate(String operation, SdkException failure) {
        if (isRetryable(failure)) {
            return new RetryableException(operation + " failed: " + failure.getMessage(), failure);
        }
        return failure;
    }

    static boolean isRetryable(SdkException failure) {
        if (failure instanceof SdkClientException) {
            return true; // timeouts, connection refused or reset: nothing reached a decision
        }
        if (failure instanceof ProvisionedThroughputExceededException
                || failure instanceof RequestLimitExceededException
                || failure instanceof TransactionConflictException
                || failure instanceof InternalServerErrorException) {
            return true;
        }
        if (failure instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return failure.retryable();
    }
}
