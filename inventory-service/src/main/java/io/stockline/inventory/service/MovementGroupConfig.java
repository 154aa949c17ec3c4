package io.stockline.inventory.service;

import io.smallrye.config.ConfigMapping;

/**
 * {@code stockline.movements.group.*}: how concurrent plain movements are gathered into one call and one commit
 * ({@link MovementGroups}).
 */
@ConfigMapping(prefix = "stockline.movements.group")
public interface MovementGroupConfig extends GroupCommitConfig {
}
