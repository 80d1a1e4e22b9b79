package dev.sparkdropout.sql.kernel;

import dev.sparkdropout.core.DropoutSpec;
import dev.sparkdropout.spark.line.ArgumentsExpression;
import dev.sparkdropout.spark.line.ScalaCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeBlock;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeGenerator;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.runtime.AbstractFunction1;

/**
 * A call of a {@link Kernel} as a Catalyst expression, with the arguments {@code (spec, column,
 * stream, copy, x [, rank])}: generated code calls the kernel's static method, interpreted
 * evaluation {@link Kernel#call}. Deterministic when its arguments are.
 *
 * <p>Generated code gives the method an {@link OutputBuffer} of its own for each place it
 * evaluates the call (a field of the generated class, so one per task too), and the
 * result is overwritten when that place runs again, on the next row. Two calls never share one
 * (an ordering evaluates its key in two places, one for each row it compares), and a call Spark
 * evaluates once for two uses (a common subexpression) is one place. Interpreted evaluation has
 * no place of its own (one expression object may serve several threads), so there each row's
 * result is a new array.
 */
public final class KernelCall extends ArgumentsExpression {

  private static final long serialVersionUID = 1L;
  private static final int SPEC = 0;
  private static final int COLUMN = 1;
  private static final int STREAM = 2;
  private static final int COPY = 3;
  private static final int VALUE = 4;
  private static final int RANK = 5;

  private final Kernel kernel;
  private final boolean mask;
  private final DataType dataType;
  private final String call;

  /**
   * Public for Spark, which copies trees through their constructors.
   *
   * @param call the call as its user wrote it, {@code dropout(f, 0.3, 42)}: the expression's SQL,
   *     so the name Spark gives its column, or a column of an expression around it
   */
  public KernelCall(Kernel kernel, boolean mask, DataType dataType, String call,
      scala.collection.Seq<Expression> arguments) {
    super(Objects.requireNonNull(arguments, "arguments"));
    this.kernel = Objects.requireNonNull(kernel, "kernel");
    this.mask = mask;
    this.dataType = Objects.requireNonNull(dataType, "dataType");
    this.call = Objects.requireNonNull(call, "call");
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  protected Expression withArguments(scala.collection.Seq<Expression> arguments) {
    return new KernelCall(kernel, mask, dataType, call, arguments);
  }

  @Override
  public Object eval(InternalRow input) {
    int rank = kernel.takesRank() ? (Integer) children().apply(RANK).eval(input) : 0;
    return kernel.call(mask, (DropoutSpec) children().apply(SPEC).eval(input),
        (UTF8String) children().apply(COLUMN).eval(input),
        (Long) children().apply(STREAM).eval(input), (Integer) children().apply(COPY).eval(input),
        children().apply(VALUE).eval(input), rank, null);
  }

  @Override
  public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
    StringBuilder code = new StringBuilder();
    List<String> values = new ArrayList<>();
    for (Expression argument : ScalaCollections.list(children())) {
      ExprCode arg = argument.genCode(ctx);
      code.append(arg.code()).append('\n');
      values.add(arg.value().toString());
    }
    values.add(ctx.addMutableState(OutputBuffer.class.getName(), "dropoutOutput",
        new AbstractFunction1<String, String>() {
          @Override
          public String apply(String field) {
            return field + " = new " + OutputBuffer.class.getName() + "();";
          }
        }, false, true));
    String type = CodeGenerator.javaType(dataType);
    code.append(String.format(Locale.ROOT, "%s %s = (%s) %s.%s(%s);%nboolean %s = %s == null;%n",
        type, ev.value(), type, kernel.owner().getName(), kernel.method(mask),
        String.join(", ", values), ev.isNull(), ev.value()));
    CodeBlock block = new CodeBlock(ScalaCollections.seq(List.of(code.toString())),
        ScalaCollections.seq(List.of()));
    return ev.copy(block, ev.isNull(), ev.value());
  }

  /**
   * As users wrote it, {@code dropout(f, 0.3, 42)}, not as the kernel's arguments, so an
   * expression around it reads {@code size(dropout(f, 0.3, 42))}.
   */
  @Override
  public String sql() {
    return call;
  }

  /** As EXPLAIN shows it: the method and its arguments. */
  @Override
  public String toString() {
    return kernel.owner().getSimpleName() + "." + kernel.method(mask)
        + children().mkString("(", ", ", ")");
  }

  @Override
  public int productArity() {
    return 5;
  }

  @Override
  public Object productElement(int n) {
    switch (n) {
      case 0:
        return kernel;
      case 1:
        return mask;
      case 2:
        return dataType;
      case 3:
        return call;
      case 4:
        return children();
      default:
        throw new IndexOutOfBoundsException(Integer.toString(n));
    }
  }

  @Override
  public boolean canEqual(Object that) {
    return that instanceof KernelCall;
  }

  /** The call's text is left out: it names the expression and does not change what it does. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof KernelCall)) {
      return false;
    }
    KernelCall that = (KernelCall) other;
    return kernel == that.kernel && mask == that.mask && dataType.equals(that.dataType)
        && children().equals(that.children());
  }

  @Override
  public int hashCode() {
    return Objects.hash(kernel, mask, dataType, children());
  }
}
