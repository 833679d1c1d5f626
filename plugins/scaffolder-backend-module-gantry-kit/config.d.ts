export interface Config {
  /** The plugin kit in the portal: the `gantry:kit:*` scaffolder actions (templates/new-ops-plugin). */
  gantryKit?: {
    /**
     * The monorepo root the kit belongs to: its `package.json` (`backstage.cli.new.globals`),
     * `yarn.lock` (the versions `yarn new` writes) and `plugins/` (ids already taken).
     * Relative paths are resolved from the backend's working directory.
     * Default: the monorepo root above the working directory.
     */
    rootDir?: string;
    /**
     * The folder holding the kit's `yarn new` templates (gantry-common, gantry-backend-plugin,
     * gantry-frontend-plugin). Default: `kit/templates` under rootDir.
     */
    templatesDir?: string;
    /**
     * Where `gantry:kit:write-local` writes a generated change set, as `plugins/<dir>` under it.
     * Default: `.data/gantry-kit` under rootDir.
     */
    localOutputDir?: string;
    /**
     * How the new-ops-plugin template publishes: `local` writes the files into localOutputDir
     * and shows the diff; `pull-request` opens a pull request, which needs the GitHub scaffolder
     * module and an integration. Default: `local`.
     */
    publish?: 'local' | 'pull-request';
  };
}
