/** The CommonMark spec's examples, as the commonmark-spec package reads them from spec.txt. */
declare module "commonmark-spec" {
  export interface SpecExample {
    markdown: string;
    html: string;
    section: string;
    number: number;
  }
  export const tests: SpecExample[];
  export const text: string;
  const spec: { tests: SpecExample[]; text: string };
  export default spec;
}
