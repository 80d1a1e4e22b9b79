package dev.sparkdropout.core.engine.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.core.engine.Philox4x32;
import dev.sparkdropout.core.engine.RowArrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A thread's rows reuse its word array, which grows as rows need up to
 * {@link RowArrays#MAX_BYTES}; a larger row's is its own; other threads have their own. A row's
 * words are its stream's.
 */
class RowWordsTest {

  @Test
  void arraysAreReusedAndGrowAsRowsNeed() {
    RowWords buffers = RowWords.get();
    assertThat(RowWords.get()).isSameAs(buffers);
    assertThat(buffers.words(1)).isSameAs(buffers.words(2));
    assertThat(buffers.words(3000)).hasSizeGreaterThanOrEqualTo(3000);
  }

  @Test
  void anOutsizeRowsArraysAreItsOwnAndTheNextRowsReuseTheKeptOnes() {
    RowWords buffers = RowWords.get();
    int ints = RowArrays.MAX_BYTES / Integer.BYTES;
    int[] keptWords = buffers.words(ints);
    int[] outsize = buffers.words(ints + 1);
    assertThat(outsize).hasSizeGreaterThan(ints).isNotSameAs(keptWords);
    assertThat(buffers.words(ints + 1)).isNotSameAs(outsize);
    assertThat(buffers.words(1000)).isSameAs(keptWords).hasSize(ints);
  }

  @Test
  void eachThreadHasItsOwn() throws Exception {
    RowWords mine = RowWords.get();
    RowWords other = CompletableFuture.supplyAsync(RowWords::get).get();
    assertThat(other).isNotSameAs(mine);
    assertThat(other.words(1)).isNotSameAs(mine.words(1));
  }

  @Test
  void aRowsWordsAreItsStreams() {
    long seed = 0x299f31d0a4093822L;
    long stream = 0x85a308d3243f6a88L;
    int[] words = RowWords.get().of(seed, stream, 3, 100);
    int[] block = new int[4];
    for (int j = 0; j < 100; j++) {
      Philox4x32.block((int) stream, (int) (stream >>> 32), j >>> 2, 3, (int) seed,
          (int) (seed >>> 32), block, 0);
      assertThat(words[j]).as("word %d", j).isEqualTo(block[j & 3]);
    }
  }
}
