package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowStreamsTest {

  @Test
  void partitionStreamIsMonotonicallyIncreasingIdsLayout() {
    assertThat(RowStreams.partition(0, 0)).isZero();
    assertThat(RowStreams.partition(0, 5)).isEqualTo(5);
    assertThat(RowStreams.partition(1, 0)).isEqualTo(8589934592L);
    assertThat(RowStreams.partition(3, 7)).isEqualTo(3L * 8589934592L + 7);
  }
}
