# Sandbox twin of ../../vpc: the same variables and outputs, built only from Terraform's
# built-in resources, so the request flow runs on the real CLI offline.
terraform {
  required_version = ">= 1.5"
}

resource "terraform_data" "vpc" {
  input = {
    id         = "vpc-${substr(sha256(var.name), 0, 17)}"
    cidr_block = var.cidr_block
    owner      = var.owner
    tags       = var.tags
  }

  provisioner "local-exec" {
    # Optional, so applies take realistic time: GANTRY_SANDBOX_APPLY_SECONDS in the backend's environment.
    command = "sleep \"$${GANTRY_SANDBOX_APPLY_SECONDS:-0}\""
  }
}

resource "terraform_data" "private_subnet" {
  count = var.subnet_count
  input = {
    id         = "subnet-${substr(sha256("${var.name}/${count.index}"), 0, 17)}"
    vpc_id     = terraform_data.vpc.output.id
    cidr_block = cidrsubnet(var.cidr_block, 4, count.index)
  }
}
