package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A thread's rows reuse its arrays, which grow as rows need; other threads have their own. */
class ThreadBuffersTest {

  @Test
  void arraysAreReusedAndGrowAsRowsNeed() {
    ThreadBuffers buffers = ThreadBuffers.get();
    assertThat(ThreadBuffers.get()).isSameAs(buffers);
    float[] floats = buffers.floats(10);
    assertThat(buffers.floats(floats.length)).isSameAs(floats);
    assertThat(buffers.floats(floats.length + 1)).hasSizeGreaterThan(floats.length);
    assertThat(buffers.doubles(5000)).hasSizeGreaterThanOrEqualTo(5000);
    assertThat(buffers.words(1)).isSameAs(buffers.words(2));
    assertThat(buffers.words(3000)).hasSizeGreaterThanOrEqualTo(3000);
  }

  @Test
  void eachThreadHasItsOwn() throws Exception {
    ThreadBuffers mine = ThreadBuffers.get();
    ThreadBuffers other = CompletableFuture.supplyAsync(ThreadBuffers::get).get();
    assertThat(other).isNotSameAs(mine);
    assertThat(other.lanes).isNotSameAs(mine.lanes);
  }
}
