/**
 * The parts of Eleventy 3's API that Trellis uses. Eleventy ships JavaScript without type
 * declarations; these are written from its documented API.
 */
declare module "@11ty/eleventy" {
  export interface EleventyEventArgs {
    directories: { input: string; output: string; includes: string };
    runMode: "build" | "watch" | "serve";
    outputMode: "fs" | "json" | "ndjson";
    incremental: boolean;
  }

  export interface VirtualTemplate<Data> {
    data?: Record<string, unknown>;
    render(this: unknown, data: Data): string | Promise<string>;
  }

  export interface UserConfig {
    addPlugin<Options>(plugin: (config: UserConfig, options: Options) => void | Promise<void>, options?: Options): void;
    addGlobalData(name: string, value: unknown): void;
    addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
    addPassthroughCopy(source: string | Record<string, string>): void;
    addWatchTarget(target: string, options?: { resetConfig?: boolean }): void;
    addFilter(name: string, filter: (...args: never[]) => unknown): void;
    addTransform(name: string, transform: (this: never, content: string) => string | Promise<string>): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    on(event: "eleventy.before" | "eleventy.after", handler: (args: EleventyEventArgs) => void | Promise<void>): void;
    on(event: string, handler: (...args: never[]) => void | Promise<void>): void;
    events: { emit(event: string, ...args: unknown[]): Promise<unknown> };
    directories: { input: string; output: string; includes: string };
  }

  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    runMode?: "build" | "watch" | "serve";
    pathPrefix?: string;
    /** Render without writing any file. */
    dryRun?: boolean;
    config?: (config: UserConfig) => void | Promise<void>;
  }

  /** Adds a base path to root-relative URLs in HTML output. */
  export function HtmlBasePlugin(config: UserConfig, options?: { baseHref?: string; extensions?: string }): void;

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    init(): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
    disableLogger(): void;
  }
}

declare module "@11ty/eleventy-dev-server" {
  import type { Server } from "node:http";
  /** Eleventy's dev server; Trellis only tells it which interface to listen on. */
  export default class EleventyDevServer {
    get server(): Server;
    _serverListen(port: number): void;
  }
}
