package com.exposuremonitor.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Resets a Kafka Streams application so that its next start recomputes everything from the input
 * topics: its consumer group (committed offsets), its internal changelog and repartition topics and its
 * local state directory are deleted; input and output topics are never touched. Planning is separate
 * from executing so a caller can show the plan and ask first; nothing here talks to a console.
 */
public final class ApplicationReset {
    /** Kafka's legal topic characters; also keeps {@code <state-dir>/<application-id>} inside the state dir. */
    private static final Pattern LEGAL_ID = Pattern.compile("[a-zA-Z0-9._-]+");

    /** What a reset would delete, and who still uses the application. */
    public record Plan(String applicationId, Optional<GroupType> groupType, List<String> activeMembers,
                       SortedSet<String> internalTopics, SortedSet<String> skippedTopics, Path localState,
                       boolean localStateExists) {
        public Plan {
            activeMembers = List.copyOf(activeMembers);
            internalTopics = new TreeSet<>(internalTopics);
            skippedTopics = new TreeSet<>(skippedTopics);
        }

        public boolean groupExists() {
            return groupType.isPresent();
        }

        /** False while an instance is a member of the group: deleting its state under it would corrupt it. */
        public boolean canExecute() {
            return activeMembers.isEmpty();
        }

        /** Why the reset cannot proceed, empty when it can. */
        public Optional<String> refusal() {
            return canExecute() ? Optional.empty() : Optional.of(ActiveMembersException.message(applicationId, activeMembers));
        }
    }

    /** What was deleted. */
    public record Result(boolean groupDeleted, SortedSet<String> deletedTopics, boolean localStateDeleted) {
    }

    /** The reset was refused because instances are still members of the application's group. */
    public static final class ActiveMembersException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ActiveMembersException(String applicationId, List<String> members) {
            super(message(applicationId, members));
        }

        static String message(String applicationId, List<String> members) {
            return "application '" + applicationId + "' has " + members.size() + " active member(s) " + members
                    + "; stop every instance first (a stopped instance stays a member until its session times "
                    + "out, session.timeout.ms, 45 s by default), then retry";
        }
    }

    private final Admin admin;
    private final String applicationId;
    private final Path stateDir;
    private final Duration timeout;

    /** @param timeout the longest wait for any one answer of the cluster */
    public ApplicationReset(Admin admin, String applicationId, Path stateDir, Duration timeout) {
        if (applicationId == null || !LEGAL_ID.matcher(applicationId).matches()
                || applicationId.equals(".") || applicationId.equals("..")) {
            throw new IllegalArgumentException("not a valid application id: '" + applicationId + "'");
        }
        this.admin = admin;
        this.applicationId = applicationId;
        this.stateDir = stateDir;
        this.timeout = timeout;
    }

    public Plan plan() {
        Collection<GroupListing> groups = get(admin.listGroups().all(), "list consumer groups");
        Optional<GroupType> type = groups.stream().filter(g -> g.groupId().equals(applicationId)).findFirst()
                .map(g -> g.type().orElse(GroupType.CLASSIC));
        Set<String> otherGroups = new TreeSet<>();
        groups.forEach(g -> otherGroups.add(g.groupId()));
        otherGroups.remove(applicationId);
        Set<String> topics = get(admin.listTopics().names(), "list topics");
        SortedSet<String> internal = new TreeSet<>();
        SortedSet<String> skipped = new TreeSet<>();
        for (String topic : topics) {
            if (isInternalTopic(applicationId, topic)) {
                (ownedByOther(topic, otherGroups) ? skipped : internal).add(topic);
            }
        }
        Path local = stateDir.resolve(applicationId);
        return new Plan(applicationId, type, activeMembers(type), internal, skipped, local, Files.exists(local));
    }

    /**
     * Deletes what the plan lists, after checking again that no instance has joined since: group first
     * (so the next start reads inputs from the beginning), then internal topics (waiting until the broker
     * no longer lists them, so an immediate restart can recreate them), then the local state.
     */
    public Result execute(Plan plan) {
        if (!plan.applicationId().equals(applicationId)) {
            throw new IllegalArgumentException("plan of '" + plan.applicationId() + "', not of '" + applicationId + "'");
        }
        Optional<GroupType> type = currentGroupType();
        List<String> members = activeMembers(type);
        if (!members.isEmpty()) {
            throw new ActiveMembersException(applicationId, members);
        }
        boolean groupDeleted = type.isPresent() && deleteGroup(type.get());
        SortedSet<String> deleted = deleteTopics(plan.internalTopics());
        boolean stateDeleted = deleteRecursively(plan.localState());
        return new Result(groupDeleted, deleted, stateDeleted);
    }

    /**
     * Whether a topic is one Kafka Streams created for this application: {@code <application.id>-...}
     * ending in {@code -changelog} or {@code -repartition}.
     */
    public static boolean isInternalTopic(String applicationId, String topic) {
        return topic.startsWith(applicationId + "-")
                && (topic.endsWith("-changelog") || topic.endsWith("-repartition"));
    }

    /** An application 'em-v2' owns 'em-v2-x-changelog', which also matches application 'em': keep it. */
    private static boolean ownedByOther(String topic, Set<String> otherGroups) {
        return otherGroups.stream().anyMatch(g -> topic.startsWith(g + "-"));
    }

    private Optional<GroupType> currentGroupType() {
        return get(admin.listGroups().all(), "list consumer groups").stream()
                .filter(g -> g.groupId().equals(applicationId)).findFirst()
                .map(g -> g.type().orElse(GroupType.CLASSIC));
    }

    /** Members as "clientId on host"; a group of the new streams protocol is described with its own call. */
    private List<String> activeMembers(Optional<GroupType> type) {
        if (type.isEmpty()) {
            return List.of();
        }
        try {
            if (type.get() == GroupType.STREAMS) {
                return get(admin.describeStreamsGroups(List.of(applicationId)).describedGroups().get(applicationId),
                        "describe group").members().stream().map(m -> m.clientId() + " on " + m.clientHost()).toList();
            }
            return get(admin.describeConsumerGroups(List.of(applicationId)).describedGroups().get(applicationId),
                    "describe group").members().stream().map(m -> m.clientId() + " on " + m.host()).toList();
        } catch (GroupGone e) {
            return List.of();
        }
    }

    private boolean deleteGroup(GroupType type) {
        try {
            get(type == GroupType.STREAMS ? admin.deleteStreamsGroups(List.of(applicationId)).all()
                    : admin.deleteConsumerGroups(List.of(applicationId)).all(), "delete group");
            return true;
        } catch (GroupGone e) {
            return false;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof GroupNotEmptyException) {
                // an instance joined between the check and the delete
                throw new ActiveMembersException(applicationId, currentMembersOrUnknown());
            }
            throw e;
        }
    }

    private List<String> currentMembersOrUnknown() {
        List<String> members = activeMembers(currentGroupType());
        return members.isEmpty() ? List.of("unknown") : members;
    }

    private SortedSet<String> deleteTopics(Set<String> topics) {
        SortedSet<String> deleted = new TreeSet<>();
        if (topics.isEmpty()) {
            return deleted;
        }
        admin.deleteTopics(topics).topicNameValues().forEach((name, future) -> {
            try {
                get(future, "delete topic " + name);
                deleted.add(name);
            } catch (TopicGone e) {
                // deleted by someone else meanwhile: the goal is reached
            }
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<String> left = new TreeSet<>(get(admin.listTopics().names(), "list topics"));
            left.retainAll(topics);
            if (left.isEmpty()) {
                return deleted;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + left + " still listed " + timeout.toSeconds()
                        + " s after their deletion; retry the reset");
            }
            pause();
        }
    }

    private static boolean deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete local state " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Waits for one answer of the cluster; a missing group or topic becomes its own exception. */
    private <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": no answer from Kafka within "
                    + timeout.toSeconds() + " s (is the cluster reachable?)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GroupIdNotFoundException) {
                throw new GroupGone();
            }
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new TopicGone();
            }
            throw new IllegalStateException("cannot " + what + ": " + cause.getMessage(), cause);
        }
    }

    private static final class GroupGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GroupGone() {
            super(null, null, false, false);
        }
    }

    private static final class TopicGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TopicGone() {
            super(null, null, false, false);
        }
    }
}
