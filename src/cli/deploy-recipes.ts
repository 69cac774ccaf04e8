/**
 * How each host builds and publishes a Trellis site: the files `trellis init --host` writes into
 * an author's project, and the ones this repository deploys its sample garden with (a test keeps
 * them the same). `build` is the build command before its `--url` (buildCommand): the
 * repository names its notes folder, a project's config file names its own.
 */

export type Host = "github" | "netlify" | "cloudflare";
export const HOSTS: readonly Host[] = ["github", "netlify", "cloudflare"];

/** Hosts clone shallowly; notes without dates are dated by their commits, so the history is fetched first. */
export const FULL_HISTORY_SCRIPT = `#!/bin/sh
# Notes without dates in their frontmatter are dated by their first and last commit; a shallow
# clone (as hosts make them) would date every note by the last commit. Fetch the whole history first.
set -e
if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = "true" ]; then
  git fetch --unshallow --quiet
fi
`;

export const FULL_HISTORY_PATH = "scripts/deploy/full-history.sh";

/**
 * The project's build script (`npm run build -- NOTES`), or the trellis command itself for a
 * project whose package.json is its own (a Digital Garden repository's build script is the template's).
 */
export function buildCommand(notes?: string, { script = true }: { script?: boolean } = {}): string {
  const args = notes ? ` ${notes}` : "";
  return script ? `npm run build --${args}` : `npx trellis build${args}`;
}

export function githubWorkflow(build = buildCommand()): string {
  return `# Builds the garden on every push to main and publishes it with GitHub Pages.
# In the repository settings, set Pages → Source to "GitHub Actions".
name: Deploy to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a push while one runs waits for it rather than cancelling it
# half-way (as GitHub's own Pages starter workflow does).
concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
        with:
          fetch-depth: 0 # full history: notes without dates are dated by their commits
      - uses: actions/setup-node@v6
        with:
          node-version: 22
          cache: npm
      - id: pages
        uses: actions/configure-pages@v6
      # The last build's caches (optimised images, social cards, notes as read, rendered bodies)
      # and its site, whose unchanged pages and search bundles the next build takes over.
      - name: Build cache
        uses: actions/cache@v5
        with:
          path: |
            .cache
            _site
          key: trellis-cache-\${{ github.sha }}
          restore-keys: trellis-cache-
      - run: npm ci
      # base_url includes the repository's sub-path (https://user.github.io/repo), which
      # Trellis uses as the path prefix of every link.
      - run: ${build} --url "\${{ steps.pages.outputs.base_url }}"
      - uses: actions/upload-pages-artifact@v5
        with:
          path: _site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
`;
}

export function netlifyToml(build = buildCommand()): string {
  return `# Netlify: builds the garden and publishes _site. Netlify sets URL to the site's main address.
# Hosts clone shallowly; full-history.sh fetches the commits that date notes without dates.
[build]
  command = "sh ${FULL_HISTORY_PATH} && ${build} --url \\"$URL\\""
  publish = "_site"

[build.environment]
  NODE_VERSION = "22"
`;
}

/** `name` is the Pages project's; `address` its pages.dev name (the same unless the site has another). */
export function wranglerToml(name: string, build = buildCommand(), address = name): string {
  return `# Cloudflare Pages. In the Pages project set the build command to
#   sh ${FULL_HISTORY_PATH} && ${build} --url https://${address}.pages.dev
# with the site's production address (its pages.dev name or your own domain), not $CF_PAGES_URL:
# that is each deployment's own address, which canonical, feed and share links must not point at.
# Output folder \`_site\`, environment variable NODE_VERSION=22.
name = "${name}"
pages_build_output_dir = "_site"
compatibility_date = "2026-11-01"
`;
}

/** The files a host needs in a project, by path. */
export function hostFiles(host: Host, name: string, build = buildCommand()): Record<string, string> {
  if (host === "github") return { ".github/workflows/deploy.yml": githubWorkflow(build) };
  if (host === "netlify") return { "netlify.toml": netlifyToml(build), [FULL_HISTORY_PATH]: FULL_HISTORY_SCRIPT };
  return { "wrangler.toml": wranglerToml(name, build), [FULL_HISTORY_PATH]: FULL_HISTORY_SCRIPT };
}
