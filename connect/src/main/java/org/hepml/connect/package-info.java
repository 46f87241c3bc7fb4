/** bin/connect-check's Spark Connect client. */
package org.hepml.connect;
