import { connect } from 'nats';
import { PrivateNats } from './private-nats';
import { freePort } from './system-under-test';

/**
 * A NATS cluster of the test's own: `size` nats-servers with JetStream clustered on loopback, each
 * on free ports (clients and routes) with its own store, for fault tests that kill and restart a
 * node (never the machine's shared server). `url` lists every node, as NATS_URL does in production.
 */
export class PrivateNatsCluster {
  private constructor(readonly nodes: readonly PrivateNats[]) {}

  static async start(size = 3): Promise<PrivateNatsCluster> {
    const ports: { client: number; route: number }[] = [];
    for (let i = 0; i < size; i++) ports.push({ client: await freePort(), route: await freePort() });
    const routes = ports.map((p) => `nats://127.0.0.1:${p.route}`).join(',');
    const nodes = ports.map((p, i) =>
      PrivateNats.create(p.client, ['--server_name', `n${i + 1}`, '--cluster_name', 'cirkel-test', '--cluster', `nats://127.0.0.1:${p.route}`, '--routes', routes]),
    );
    const cluster = new PrivateNatsCluster(nodes);
    try {
      await Promise.all(nodes.map((node) => node.restart()));
      await cluster.jetStreamReady();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** Every node, comma-separated (NATS_URL). */
  get url(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  /** Waits until the cluster's JetStream answers (it has elected its meta leader). */
  async jetStreamReady(timeoutMs = 30_000): Promise<void> {
    const nc = await connect({ servers: this.nodes.map((node) => node.url), maxReconnectAttempts: -1 });
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        try {
          await (await nc.jetstreamManager({ timeout: 1000 })).getAccountInfo();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`the cluster's JetStream was not ready within ${timeoutMs / 1000} s: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    } finally {
      await nc.close();
    }
  }

  /** Kills every node and removes their stores. */
  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }
}
