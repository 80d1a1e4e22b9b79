package dev.sparkdropout.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkdropout.sql.SpecReference.Output;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Whether a mask column says exactly which elements its values column kept (docs/SPEC.md §6): an
 * element with mask 1 has its kept value and one with mask 0 its dropped value, by the formulas
 * of docs/SPEC.md §1. Elements whose kept and dropped values are the same bits (a dropout of
 * +0.0, an implicit zero of a sparse vector) cannot tell and are passed over; enough others must.
 */
public final class MaskAgreement {

  private final SpecReference formulas;
  private int decided;

  private MaskAgreement(Output method, double rate) {
    this.formulas = new SpecReference(method, rate, 0L, null, 0);
  }

  /**
   * Checks every row of {@code rows}, whose fields {@code input}, {@code values} and {@code mask}
   * hold the input, its dropout by {@code method} at {@code rate} and the mask.
   */
  public static void assertMaskDescribesValues(List<Row> rows, int input, int values, int mask,
      Output method, double rate) {
    MaskAgreement agreement = new MaskAgreement(method, rate);
    for (Row row : rows) {
      agreement.walk(SpecReference.toJava(row.get(input)), SpecReference.toJava(row.get(values)),
          SpecReference.toJava(row.get(mask)), row);
    }
    assertThat(agreement.decided).as("elements whose kept and dropped values differ")
        .isGreaterThan(rows.size());
  }

  /**
   * Two flat masks of rate 0.5, fields {@code first} and {@code second} of {@code rows}, agree at
   * about half of their positions, as independent masks do; masks of one seed agree at all.
   */
  public static void assertIndependentMasks(List<Row> rows, int first, int second) {
    int same = 0;
    int all = 0;
    for (Row row : rows) {
      if (row.isNullAt(first)) {
        continue;
      }
      List<Object> a = row.getList(first);
      List<Object> b = row.getList(second);
      for (int i = 0; i < a.size(); i++) {
        same += a.get(i) != null && a.get(i).equals(b.get(i)) ? 1 : 0;
        all++;
      }
    }
    assertThat(all).isGreaterThan(1000);
    assertThat((double) same / all).as("positions where the two masks agree").isBetween(0.4, 0.6);
  }

  private void walk(Object x, Object y, Object m, Row row) {
    if (x == null) {
      assertThat(y).as("a NULL stays NULL in %s", row).isNull();
      assertThat(m).as("a NULL's mask is NULL in %s", row).isNull();
      return;
    }
    if (x instanceof List) {
      List<?> xs = (List<?>) x;
      assertThat((List<?>) y).as("values of %s", row).hasSameSizeAs(xs);
      assertThat((List<?>) m).as("mask of %s", row).hasSameSizeAs(xs);
      for (int i = 0; i < xs.size(); i++) {
        walk(xs.get(i), ((List<?>) y).get(i), ((List<?>) m).get(i), row);
      }
      return;
    }
    Object kept = formulas.element(x, true);
    Object dropped = formulas.element(x, false);
    if (SpecReference.sameBits(kept, dropped)) {
      return;
    }
    decided++;
    assertThat(m).as("mask entry of %s in %s", x, row).isIn((byte) 0, (byte) 1);
    Object expected = (Byte) m == 1 ? kept : dropped;
    assertThat(SpecReference.sameBits(expected, y))
        .as("%s with mask %s should be %s, is %s, in %s", x, m, expected, y, row).isTrue();
  }
}
