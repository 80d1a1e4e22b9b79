package dev.sparkdropout.spark.line;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.expressions.Expression;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;

/**
 * A Catalyst expression whose children are its arguments, with the overrides whose Scala types
 * differ by line. Subclasses take their arguments as a {@code scala.collection.Seq}, the type
 * every line's sequences share, so Spark can copy them through their constructors on any line.
 * Serializable, as tasks carry their expressions.
 */
public abstract class ArgumentsExpression extends Expression implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Seq<Expression> arguments;

  protected ArgumentsExpression(scala.collection.Seq<Expression> arguments) {
    this.arguments = arguments.toSeq();
  }

  /** The same expression with other arguments. */
  protected abstract Expression withArguments(scala.collection.Seq<Expression> arguments);

  @Override
  public final Seq<Expression> children() {
    return arguments;
  }

  @Override
  public final Expression withNewChildrenInternal(IndexedSeq<Expression> children) {
    return withArguments(children);
  }
}
