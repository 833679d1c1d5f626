# Sandbox twin of ../../ec2-instance: the same variables and outputs, built only from
# Terraform's built-in resources, so the request flow runs on the real CLI offline.
terraform {
  required_version = ">= 1.5"
}

locals {
  # Stable, name-derived identifiers, shaped like the AWS ones.
  digest = sha256(var.name)
}

resource "terraform_data" "instance" {
  input = {
    id            = "i-${substr(local.digest, 0, 17)}"
    private_ip    = "10.0.${parseint(substr(local.digest, 0, 2), 16)}.${parseint(substr(local.digest, 2, 2), 16) % 250 + 4}"
    instance_type = var.instance_type
    subnet_id     = var.subnet_id
    disk_gb       = var.disk_gb
    owner         = var.owner
    tags          = var.tags
  }

  provisioner "local-exec" {
    # Optional, so applies take realistic time: GANTRY_SANDBOX_APPLY_SECONDS in the backend's environment.
    command = "sleep \"$${GANTRY_SANDBOX_APPLY_SECONDS:-0}\""
  }
}
