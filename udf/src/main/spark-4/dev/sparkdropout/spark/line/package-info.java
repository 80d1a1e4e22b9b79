/**
 * What differs between the Spark lines the library is built for, and nothing else: each line has
 * its own copy of these classes, with the same names and methods, in {@code udf/src/main/spark-*}.
 * This is the Spark 4 / Scala 2.13 line's.
 */
package dev.sparkdropout.spark.line;
