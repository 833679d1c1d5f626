# Sandbox twin of ../../s3-bucket: the same variables and outputs, built only from Terraform's
# built-in resources, so the request flow runs on the real CLI with no provider and no network.
terraform {
  required_version = ">= 1.5"
}

resource "terraform_data" "bucket" {
  input = {
    bucket      = var.name
    versioning  = var.versioning ? "Enabled" : "Suspended"
    environment = var.environment
    owner       = var.owner
    tags        = var.tags
  }

  provisioner "local-exec" {
    # Optional, so applies take realistic time: GANTRY_SANDBOX_APPLY_SECONDS in the backend's environment.
    command = "sleep \"$${GANTRY_SANDBOX_APPLY_SECONDS:-0}\""
  }
}
