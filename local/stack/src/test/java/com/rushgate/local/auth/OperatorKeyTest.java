package com.rushgate.local.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorKeyTest {

    @TempDir
    Path stateDir;

    @Test
    void loadOrCreate_thenAgain_givesTheSameKeyReadableByItsOwnerOnly() throws Exception {
        OperatorKey created = OperatorKey.loadOrCreate(stateDir);
        OperatorKey again = OperatorKey.loadOrCreate(stateDir);

        assertThat(again).isEqualTo(created);
        assertThat(created.accessKeyId()).hasSize(20).startsWith("AKIALOCAL");
        assertThat(created.secretAccessKey()).hasSize(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir.resolve(OperatorKey.KEY_FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void find_beforeAnyStack_isEmpty_andToStringNeverShowsTheSecret() {
        assertThat(OperatorKey.find(stateDir)).isEmpty();
        OperatorKey key = OperatorKey.loadOrCreate(stateDir);

        assertThat(OperatorKey.find(stateDir)).contains(key);
        assertThat(key.toString()).doesNotContain(key.secretAccessKey());
    }
}
