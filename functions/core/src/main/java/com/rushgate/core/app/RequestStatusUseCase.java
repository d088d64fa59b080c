package com.rushgate.core.app;

import com.rushgate.core.app.port.RequestStore;
import java.util.Objects;

/** Status: a request is visible to its owner only; anyone else gets the same 404 as for no request. */
public final class RequestStatusUseCase {

    private final RequestStore requests;

    public RequestStatusUseCase(RequestStore requests) {
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    /** @throws ClientException REQUEST_NOT_FOUND when it does not exist or is not the caller's */
    public RequestView status(StatusQuery query) {
        return requests.find(query.id())
                .filter(request -> request.userId().equals(query.userId()))
                .map(RequestView::of)
                .orElseThrow(() -> new ClientException(ErrorCode.REQUEST_NOT_FOUND,
                        "no request '" + query.requestId() + "'"));
    }
}
