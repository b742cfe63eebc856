package com.exposuremonitor.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Many SSE clients that read everything they are sent, all on one selector thread. */
final class SseReaders implements AutoCloseable {
    private final Selector selector = Selector.open();
    private final Map<SocketChannel, StringBuffer> received = new ConcurrentHashMap<>();
    private final Thread thread = new Thread(this::run, "test-sse-readers");
    private volatile boolean running = true;

    private SseReaders() throws IOException {
    }

    static SseReaders open(int port, String path, int count) throws IOException {
        SseReaders readers = new SseReaders();
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.write(ByteBuffer.wrap(request));
            channel.configureBlocking(false);
            channel.register(readers.selector, SelectionKey.OP_READ);
            readers.received.put(channel, new StringBuffer());
        }
        readers.thread.start();
        return readers;
    }

    /** True when every client has been sent {@code text}. */
    boolean allReceived(String text) {
        return received.values().stream().allMatch(r -> r.indexOf(text) >= 0);
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (running) {
                selector.select(100);
                selector.selectedKeys().forEach(key -> read(key, buffer));
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void read(SelectionKey key, ByteBuffer buffer) {
        SocketChannel channel = (SocketChannel) key.channel();
        buffer.clear();
        try {
            int n = channel.read(buffer);
            if (n < 0) {
                key.cancel();
            } else {
                received.get(channel).append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            key.cancel();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        thread.join(10_000);
        for (SocketChannel channel : received.keySet()) {
            channel.close();
        }
        selector.close();
    }
}
