package dev.sparkdropout.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A thread's rows reuse its arrays, which grow as rows need up to {@link KeptArrays#MAX_BYTES};
 * a larger row's are its own; other threads have their own.
 */
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
  void anOutsizeRowsArraysAreItsOwnAndTheNextRowsReuseTheKeptOnes() {
    ThreadBuffers buffers = ThreadBuffers.get();
    int ints = KeptArrays.MAX_BYTES / Integer.BYTES;
    int floats = KeptArrays.MAX_BYTES / Float.BYTES;
    int doubles = KeptArrays.MAX_BYTES / Double.BYTES;
    int[] keptWords = buffers.words(ints);
    float[] keptFloats = buffers.floats(floats);
    double[] keptDoubles = buffers.doubles(doubles);
    int[] outsize = buffers.words(ints + 1);
    assertThat(outsize).hasSizeGreaterThan(ints).isNotSameAs(keptWords);
    assertThat(buffers.words(ints + 1)).isNotSameAs(outsize);
    assertThat(buffers.floats(floats + 1)).isNotSameAs(keptFloats);
    assertThat(buffers.doubles(doubles + 1)).isNotSameAs(keptDoubles);
    assertThat(buffers.words(1000)).isSameAs(keptWords).hasSize(ints);
    assertThat(buffers.floats(1000)).isSameAs(keptFloats).hasSize(floats);
    assertThat(buffers.doubles(1000)).isSameAs(keptDoubles).hasSize(doubles);
  }

  @Test
  void keptArraysDoubleNoFurtherThanTheBound() throws Exception {
    // A thread of its own, whose arrays no other test has grown.
    float[] grown = CompletableFuture.supplyAsync(() -> {
      ThreadBuffers buffers = ThreadBuffers.get();
      buffers.floats(KeptArrays.MAX_BYTES / Float.BYTES * 3 / 4);
      return buffers.floats(KeptArrays.MAX_BYTES / Float.BYTES * 3 / 4 + 1);
    }, runnable -> new Thread(runnable).start()).get();
    assertThat(grown).hasSize(KeptArrays.MAX_BYTES / Float.BYTES);
  }

  @Test
  void eachThreadHasItsOwn() throws Exception {
    ThreadBuffers mine = ThreadBuffers.get();
    ThreadBuffers other = CompletableFuture.supplyAsync(ThreadBuffers::get).get();
    assertThat(other).isNotSameAs(mine);
    assertThat(other.lanes).isNotSameAs(mine.lanes);
  }
}
