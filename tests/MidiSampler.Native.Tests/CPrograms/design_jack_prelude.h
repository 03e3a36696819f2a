/*
 * The JACK example of the original design (design_jack.c, kept verbatim) uses two ports it never declares or
 * registers, and ends at "... rest of application". This file, force-included with `gcc -include`, declares the
 * ports, registers them when the example activates its client (jack_activate below is design_jack_host.c's
 * harness_activate), and renames the example's main so that design_jack_host.c's main can run it and then be the
 * rest of the application.
 */
#include <jack/jack.h>

extern jack_port_t *port_out_l;
extern jack_port_t *port_out_r;
int harness_activate(jack_client_t *client);

#define jack_activate harness_activate
#define main example_main
