package com.exposuremonitor.bench;

import com.exposuremonitor.topology.MonitorTopology;
import com.exposuremonitor.topology.Topics;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The monitor topology's size as it runs: sub-topologies, tasks (one per partition of each sub-topology;
 * the rule updates have one partition) and RocksDB instances (each persistent store once per task, plus
 * the global store). In-memory stores are named by {@link MonitorTopology#IN_MEMORY_STORES}.
 */
record TopologySize(int subTopologies, int tasks, int rocksDbInstances) {
    static TopologySize of(Topics topics, int partitions) {
        TopologyDescription description = MonitorTopology.buildMonitorTopology(topics,
                MonitorTopology.Options.defaults()).describe();
        int subs = 0;
        int tasks = 0;
        int rocks = 0;
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            Set<String> stores = new HashSet<>();
            boolean singlePartition = false;
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
                if (node instanceof TopologyDescription.Source s && s.topicSet().contains(
                        topics.alertRuleUpdates.name())) {
                    singlePartition = true;
                }
            }
            stores.removeAll(MonitorTopology.IN_MEMORY_STORES);
            int subTasks = singlePartition ? 1 : partitions;
            subs++;
            tasks += subTasks;
            rocks += subTasks * stores.size();
        }
        rocks += description.globalStores().size();
        return new TopologySize(subs, tasks, rocks);
    }
}
