// Command vcsim starts govmomi's vCenter simulator for VirtGuard's tests on a loopback port.
//
// The password is read from the environment variable VCSIM_PASSWORD (never from the command line).
// Once serving, it prints one line to stdout: "READY <url> <sha256-thumbprint> <sha1-thumbprint>".
// It stops when its standard input is closed, so a test that dies never leaves it running.
package main

import (
	"bufio"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"log"
	"net/url"
	"os"
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/esx"
	"github.com/vmware/govmomi/simulator/vpx"
)

func thumbprint(sum []byte) string {
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

func main() {
	port := flag.Int("port", 0, "loopback port, 0 for a free one")
	user := flag.String("user", "virtguard", "the only user name accepted")
	clusters := flag.Int("clusters", 1, "clusters per datacenter")
	clusterHosts := flag.Int("cluster-hosts", 3, "hosts per cluster")
	standalone := flag.Int("hosts", 1, "standalone hosts per datacenter")
	machines := flag.Int("vms", 2, "VMs per resource pool (one pool per cluster and per standalone host)")
	portgroups := flag.Int("portgroups", 1, "DV port groups per datacenter")
	esxiBuild := flag.String("esxi-build", "", "build number the hosts report (vcsim's default: 5969303, ESXi 6.5.0 U1)")
	vcenterBuild := flag.String("vcenter-build", "", "build number vCenter reports (vcsim's default: 5973321, 6.5.0 U1)")
	flag.Parse()

	if *esxiBuild != "" {
		esx.HostConfigInfo.Product.Build = *esxiBuild
		esx.HostConfigInfo.Product.FullName = "VMware ESXi " + esx.HostConfigInfo.Product.Version + " build-" + *esxiBuild
	}
	if *vcenterBuild != "" {
		vpx.ServiceContent.About.Build = *vcenterBuild
		vpx.ServiceContent.About.FullName = "VMware vCenter Server " + vpx.ServiceContent.About.Version + " build-" + *vcenterBuild
	}

	password := os.Getenv("VCSIM_PASSWORD")
	if password == "" {
		log.Fatal("VCSIM_PASSWORD must be set")
	}

	model := simulator.VPX()
	model.Cluster = *clusters
	model.ClusterHost = *clusterHosts
	model.Host = *standalone
	model.Machine = *machines
	model.Portgroup = *portgroups
	defer model.Remove()
	if err := model.Create(); err != nil {
		log.Fatal(err)
	}

	model.Service.Listen = &url.URL{Host: fmt.Sprintf("127.0.0.1:%d", *port), User: url.UserPassword(*user, password)}
	model.Service.TLS = new(tls.Config)
	server := model.Service.NewServer()
	defer server.Close()

	der := server.Certificate().Raw
	s256 := sha256.Sum256(der)
	s1 := sha1.Sum(der)
	endpoint := *server.URL
	endpoint.User = nil
	fmt.Printf("READY %s %s %s\n", endpoint.String(), thumbprint(s256[:]), thumbprint(s1[:]))
	os.Stdout.Sync()

	_, _ = io.Copy(io.Discard, bufio.NewReader(os.Stdin))
}
