import {
  Global,
  Inject,
  Injectable,
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationBootstrap,
  OnModuleDestroy,
  RequestMethod,
} from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AppConfig } from '../../config/app-config';
import { httpMetrics } from './http-metrics.middleware';
import { metricsHandler } from './metrics-endpoint';
import { MetricsRepository } from './metrics.repository';
import { Metrics } from './metrics.service';

/** The metrics of the process, injectable everywhere work happens (both processes). */
@Global()
@Module({ providers: [MetricsRepository, Metrics], exports: [Metrics] })
export class MetricsModule {}

/** The API: every request timed by route template, and GET /metrics on the API's own port. */
@Module({})
export class ApiMetricsModule implements NestModule {
  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(httpMetrics(this.metrics)).forRoutes({ path: '*path', method: RequestMethod.ALL });
    consumer.apply(metricsHandler(this.metrics, this.config.get('METRICS_TOKEN'))).forRoutes({ path: 'metrics', method: RequestMethod.ALL });
  }
}

/**
 * The worker has no HTTP server of its own: with WORKER_METRICS_PORT set it
 * listens there for GET /metrics only (same token as the API), and nothing else.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Métricas');
  private server?: Server;

  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  /** The port it listens on (the configured one, or the one the system chose for port 0). */
  port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.get('WORKER_METRICS_PORT');
    if (port === undefined) return;
    const serve = metricsHandler(this.metrics, this.config.get('METRICS_TOKEN'));
    const server = createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No existe; las métricas están en /metrics.\n');
        return;
      }
      serve(req, res);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, () => resolve()));
    this.server = server;
    this.logger.log(`Métricas del worker en el puerto ${this.port()} (/metrics).`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
