package com.rushgate.core.contract;

import com.rushgate.core.app.port.DrawResults;
import com.rushgate.core.testing.InMemoryDrawResults;

class InMemoryDrawResultsTest extends DrawResultsContract {

    @Override
    protected DrawResults createResults() {
        return new InMemoryDrawResults();
    }
}
