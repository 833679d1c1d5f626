variable "name" {
  description = "Instance name"
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,62}$", var.name))
    error_message = "Names are 3-63 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Always sandbox: this module creates nothing outside Terraform's state"
  type        = string
  validation {
    condition     = var.environment == "sandbox"
    error_message = "The sandbox modules serve the sandbox environment only."
  }
}

variable "owner" {
  description = "Owning group entity ref"
  type        = string
}

variable "instance_type" {
  description = "Instance size from the allowed list"
  type        = string
  validation {
    condition     = contains(["t3.micro", "t3.small", "t3.medium", "m6i.large"], var.instance_type)
    error_message = "instance_type must be one of t3.micro, t3.small, t3.medium, m6i.large."
  }
}

variable "subnet_id" {
  description = "Subnet to launch into"
  type        = string
}

variable "disk_gb" {
  description = "Root disk size in GiB"
  type        = number
  default     = 20
  validation {
    condition     = var.disk_gb >= 8 && var.disk_gb <= 500
    error_message = "disk_gb must be between 8 and 500."
  }
}

variable "tags" {
  description = "Extra tags"
  type        = map(string)
  default     = {}
}
