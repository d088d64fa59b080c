package com.rushgate.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rushgate.core.app.ConfigurationException;
import com.rushgate.core.config.Env;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusConfigTest {

    private static final Map<String, String> VALID = Map.of("REQUEST_TABLE", "RequestTable", "ARRIVAL_SHARDS", "16");

    @Test
    void readsEveryVariable() {
        assertThat(StatusConfig.from(new Env(VALID))).isEqualTo(new StatusConfig("RequestTable", 16));
    }

    @Test
    void aMissingOrOutOfRangeVariable_stopsInit_namingIt() {
        Map<String, String> missing = new HashMap<>(VALID);
        missing.remove("REQUEST_TABLE");
        Map<String, String> tooMany = new HashMap<>(VALID);
        tooMany.put("ARRIVAL_SHARDS", "101");

        assertThatThrownBy(() -> StatusConfig.from(new Env(missing)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("REQUEST_TABLE");
        assertThatThrownBy(() -> StatusConfig.from(new Env(tooMany)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ARRIVAL_SHARDS");
    }
}
