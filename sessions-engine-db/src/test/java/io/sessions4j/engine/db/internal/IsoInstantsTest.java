package io.sessions4j.engine.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("db engine: instants bound on PostgreSQL as ISO-8601 text, on MariaDB/MySQL as DATETIME text")
class IsoInstantsTest {
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    @DisplayName("Every instant of years 1 to 9999 is written to the microsecond, in UTC, as the general formatter writes it")
    void writesWhatTheGeneralFormatterWrites() {
        SplittableRandom random = new SplittableRandom(20);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
            assertThat(IsoInstants.format(instant)).as("%s", instant).isEqualTo(ISO_MICROS.format(instant));
        }
    }

    @Test
    @DisplayName("Edges: the epoch, the first and last second of the four-digit years, sub-microseconds dropped")
    void edges() {
        assertThat(IsoInstants.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(IsoInstants.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000000Z");
        assertThat(IsoInstants.format(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isEqualTo("9999-12-31T23:59:59.999999Z");
        assertThat(IsoInstants.format(Instant.parse("2024-02-29T12:34:56.000001999Z"))).isEqualTo("2024-02-29T12:34:56.000001Z");
        assertThat(IsoInstants.format(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500000Z");
    }

    @Test
    @DisplayName("MariaDB/MySQL: every instant of years 1 to 9999 as its UTC DATETIME(6) literal; none outside them")
    void dateTimeLiteral() {
        DateTimeFormatter literal = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(21);
        long first = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), random.nextInt(1_000_000_000));
            assertThat(IsoInstants.formatDateTime(instant)).as("%s", instant).isEqualTo(literal.format(instant));
        }
        assertThat(IsoInstants.formatDateTime(Instant.parse("2024-02-29T12:34:56.000001999Z"))).isEqualTo("2024-02-29 12:34:56.000001");
        assertThat(IsoInstants.formatDateTime(Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1))).isNull();
        assertThat(IsoInstants.formatDateTime(Instant.MIN)).isNull();
    }

    @Test
    @DisplayName("Outside years 1 to 9999 the text is Instant's own (a sign, more digits), never a wrong date")
    void beyondFourDigitYears() {
        Instant far = Instant.parse("9999-12-31T23:59:59Z").plus(1, ChronoUnit.SECONDS);
        assertThat(IsoInstants.format(far)).isEqualTo(far.toString());
        assertThat(IsoInstants.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
    }
}
