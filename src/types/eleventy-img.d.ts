/** The parts of @11ty/eleventy-img that Trellis uses (the package ships no types). */
declare module "@11ty/eleventy-img" {
  export interface ImageFormatEntry {
    format: string;
    width: number;
    height: number;
    url: string;
    srcset: string;
    filename: string;
    outputPath: string;
    sourceType: string;
  }
  export type ImageMetadata = Record<string, ImageFormatEntry[]>;
  export interface ImageOptions {
    widths?: Array<number | "auto">;
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    cacheOptions?: { duration?: string; directory?: string; fetchOptions?: Record<string, unknown> };
    svgShortCircuit?: boolean | "size";
    concurrency?: number;
    failOnError?: boolean;
    /** Reuse files made before (in this process and on disk); on by default. */
    useCache?: boolean;
  }
  function Image(src: string, options?: ImageOptions): Promise<ImageMetadata>;
  namespace Image {
    function generateHTML(metadata: ImageMetadata, attributes: Record<string, string>): string;
  }
  export default Image;
}
