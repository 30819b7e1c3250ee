// Command terraform-provider-aws is a stand-in for hashicorp/aws, used only by modelgate's end-to-end tests
// because the real provider cannot be fetched on the machines that run them. See README.md.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
)

// version is the hashicorp/aws version the modelgate stacks pin (@cdktf/provider-aws 21.22.1).
const version = "6.25.0"

func main() {
	debug := flag.Bool("debug", false, "serve for debuggers (TF_REATTACH_PROVIDERS)")
	flag.Parse()
	err := providerserver.Serve(context.Background(), newProvider(version), providerserver.ServeOpts{
		Address:         "registry.terraform.io/hashicorp/aws",
		Debug:           *debug,
		ProtocolVersion: 5,
	})
	if err != nil {
		log.Fatal(err)
	}
}
