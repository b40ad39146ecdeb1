package io.changegate.supplychain;

/** Port: whether the security group has signed off a change (its latest decision on the change approved it). */
public interface SecuritySignOffs {

  boolean signedOff(String changeId);
}
