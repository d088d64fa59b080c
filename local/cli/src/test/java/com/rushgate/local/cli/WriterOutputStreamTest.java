package com.rushgate.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WriterOutputStreamTest {

    @Test
    void write_characterSplitAcrossWrites_isDecodedWhole() {
        StringWriter text = new StringWriter();
        WriterOutputStream stream = new WriterOutputStream(new PrintWriter(text));
        byte[] bytes = "a → b é".getBytes(StandardCharsets.UTF_8);

        for (byte b : bytes) {
            stream.write(b);
        }
        stream.flush();

        assertThat(text.toString()).isEqualTo("a → b é");
    }

    @Test
    void printStream_longerThanTheBuffer_arrivesUnchanged() {
        StringWriter text = new StringWriter();
        String line = "é".repeat(10_000) + "→";
        PrintStream console = new PrintStream(new WriterOutputStream(new PrintWriter(text)), true, StandardCharsets.UTF_8);

        console.println(line);

        assertThat(text.toString()).isEqualTo(line + System.lineSeparator());
    }
}
