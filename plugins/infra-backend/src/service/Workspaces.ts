import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * One working directory per resource: the rendered root module, `.terraform`, plan files
 * and (with the local state backend) the state. Everything in it can be rebuilt from the
 * database on any replica, except local state, which is why production uses the pg backend.
 */
export class Workspaces {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  dirOf(resourceId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(resourceId)) {
      throw new Error(`Not a resource id: ${resourceId}`);
    }
    return join(this.root, resourceId);
  }

  statePathOf(resourceId: string): string {
    return join(this.dirOf(resourceId), 'terraform.tfstate');
  }

  planPathOf(resourceId: string, requestId: string): string {
    return join(this.dirOf(resourceId), `${requestId}.tfplan`);
  }

  async writeRootModule(resourceId: string, mainTfJson: string) {
    const dir = this.dirOf(resourceId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'main.tf.json'), mainTfJson);
    return dir;
  }
}
