variable "name" {
  description = "Globally unique bucket name"
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.name))
    error_message = "Bucket names are 3-63 lowercase letters, digits, dots and hyphens."
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

variable "versioning" {
  description = "Keep object versions"
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags"
  type        = map(string)
  default     = {}
}
