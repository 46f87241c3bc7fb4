package org.hepml.estimators;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The driver's view of member training, printed as members finish: "members done 3/10, 95 s, ETA 222 s". Member
 * tasks print their epochs on their executor's stderr, which a cluster's driver does not see; this listener counts
 * the successful tasks of the jobs started in this training's job group.
 */
final class MemberProgress extends SparkListener implements AutoCloseable {
    private final SparkContext sc;
    private final String group;
    private final int members;
    private final long start = System.nanoTime();
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger done = new AtomicInteger();

    private MemberProgress(SparkContext sc, String group, int members) {
        this.sc = sc;
        this.group = group;
        this.members = members;
    }

    /** Starts listening; the caller runs its member job in job group {@code group}, then closes this. */
    static MemberProgress start(SparkContext sc, String group, int members) {
        MemberProgress p = new MemberProgress(sc, group, members);
        sc.addSparkListener(p);
        return p;
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        if (job.properties() != null && group.equals(job.properties().getProperty("spark.jobGroup.id"))) {
            scala.collection.Iterator<Object> it = job.stageIds().iterator();
            while (it.hasNext()) {
                stages.add((Integer) it.next());
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        if (stages.contains(task.stageId()) && task.taskInfo().successful()) {
            int n = done.incrementAndGet();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf(
                    "DnnEnsembleClassifier: members done %d/%d, %.0f s, ETA %.0f s%n",
                    n, members, seconds, seconds / n * (members - n));
        }
    }

    int done() {
        return done.get();
    }

    /** Stops listening, after the listener bus has delivered the last task ends (it is asynchronous; up to 5 s). */
    @Override
    public void close() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (done.get() < members && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sc.removeSparkListener(this);
    }
}
