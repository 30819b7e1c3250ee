# Built with a different entrypoint: modelgate/main/findings does not exist in the module.
package modelgate.other

deny := []
