// Databricks notebook source
// MAGIC %md
// MAGIC # hepml-spark quick start
// MAGIC Attach the jar of the runtime's Spark line to the cluster (Libraries → Install new → JAR):
// MAGIC `hepml-jobs_2.13-VERSION-all.jar` on runtimes with Spark 4 (Scala 2.13; `mvn -B package`),
// MAGIC `hepml-jobs_2.12-VERSION-all.jar` on runtimes with Spark 3.5 (Scala 2.12; `mvn -B -Pspark-3.5 package`).
// MAGIC Set `spark.executorEnv.OMP_NUM_THREADS 1` in the cluster's Spark config. The code below is the same on both.
// MAGIC Events: Parquet written by `hepml ingest` (the CERN Open Data file) or `hepml generate`.
// MAGIC This notebook mirrors `org.hepml.examples.QuickStart`, which the project's tests run.

// COMMAND ----------

import org.apache.spark.ml.PipelineModel
import org.hepml.evaluation.WeightedRoc
import org.apache.spark.sql.functions.{col, lit, pmod, xxhash64}
import org.hepml.estimators.{DnnEnsembleClassifier, ReferencePipeline}
import org.hepml.evaluation.BootstrapAmsEvaluator

val eventsPath = "dbfs:/hepml/events"   // change to your event Parquet
val modelPath = "dbfs:/hepml/model"

// COMMAND ----------

val events = spark.read.parquet(eventsPath)
// a quarter held out, chosen by EventId: the same events whatever the partitioning
val test = events.where(pmod(xxhash64(col("EventId")), lit(4L)) === 0)
val train = events.where(pmod(xxhash64(col("EventId")), lit(4L)) =!= 0)

// COMMAND ----------

val dnn = new DnnEnsembleClassifier().setMembers(10).setEpochs(15).setSeed(42).setTestTimeAugmentation(8)
val model = ReferencePipeline.build(dnn, false).fit(train)
model.write.overwrite().save(modelPath)

// COMMAND ----------

val scored = model.transform(test).cache()
val auc = WeightedRoc.of(scored, "probability", "label", "weight").auc()
// the hold-out is a quarter of the events: weights x 4 for the AMS
val ams = new BootstrapAmsEvaluator().setWeightScale(4.0).bootstrap(scored)
println(f"weighted AUC $auc%.4f, AMS at the bootstrap mean cut ${ams.amsAtMeanCut}%.3f (cut ${ams.meanCut}%.4f)")

// COMMAND ----------

// MAGIC %md
// MAGIC Score distributions of signal and background (plot as a bar chart, grouped by label, log y axis):

// COMMAND ----------

import org.apache.spark.ml.functions.vector_to_array
display(scored.withColumn("score", vector_to_array(col("probability")).getItem(1))
  .withColumn("bin", (col("score") * 50).cast("int") / 50.0)
  .groupBy("label", "bin").sum("weight").orderBy("bin"))

// COMMAND ----------

// MAGIC %md
// MAGIC AMS against the cut (the bootstrap's whole-set curve):

// COMMAND ----------

display(ams.curve()(0).zip(ams.curve()(1)).toSeq.toDF("cut", "AMS"))
