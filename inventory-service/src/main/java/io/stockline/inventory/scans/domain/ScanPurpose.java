package io.stockline.inventory.scans.domain;

/** What a batch of reads was taken for; the lines it becomes are posted as that (a PO receipt, a pick, a count). */
public enum ScanPurpose {
    RECEIPT, PICK, COUNT
}
